const { S3Client } = require("@aws-sdk/client-s3");

const s3 = new S3Client({
  region: "ap-southeast-2",
  credentials: {
    accessKeyId: "AKIAG5VFDDOHS2XLYR3K",
    secretAccessKey: "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",
  },
});
