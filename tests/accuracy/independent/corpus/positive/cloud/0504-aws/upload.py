import boto3

s3 = boto3.client(
    's3',
    aws_access_key_id='AKIAWCA7CJQ3ZNFTTVWI',
    aws_secret_access_key='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',
    region_name='eu-central-1',
)
