import boto3

s3 = boto3.client(
    's3',
    aws_access_key_id='AKIAGFHGZYNDZVEBEYLA',
    aws_secret_access_key='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',
    region_name='eu-central-1',
)
