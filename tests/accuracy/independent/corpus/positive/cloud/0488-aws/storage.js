const { S3Client } = require("@aws-sdk/client-s3");

const s3 = new S3Client({
  region: "ap-southeast-2",
  credentials: {
    accessKeyId: "AKIAOF4AUFFJLEVBVPDR",
    secretAccessKey: "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",
  },
});
