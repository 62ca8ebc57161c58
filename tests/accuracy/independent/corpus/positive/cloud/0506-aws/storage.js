const { S3Client } = require("@aws-sdk/client-s3");

const s3 = new S3Client({
  region: "ap-southeast-2",
  credentials: {
    accessKeyId: "AKIADVFOYNXR6H25KJYN",
    secretAccessKey: "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",
  },
});
