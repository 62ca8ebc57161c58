import boto3

s3 = boto3.client(
    's3',
    aws_access_key_id='AKIAHW775QMXEOPKHDUU',
    aws_secret_access_key='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',
    region_name='eu-central-1',
)
