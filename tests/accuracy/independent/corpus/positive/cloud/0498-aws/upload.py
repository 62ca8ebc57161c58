import boto3

s3 = boto3.client(
    's3',
    aws_access_key_id='AKIAC2NDWRWC6KDI5TJ3',
    aws_secret_access_key='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',
    region_name='eu-central-1',
)
