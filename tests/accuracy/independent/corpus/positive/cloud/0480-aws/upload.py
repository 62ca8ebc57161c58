import boto3

s3 = boto3.client(
    's3',
    aws_access_key_id='AKIAWVJ2WIFZ3JQ6E4S3',
    aws_secret_access_key='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',
    region_name='eu-central-1',
)
