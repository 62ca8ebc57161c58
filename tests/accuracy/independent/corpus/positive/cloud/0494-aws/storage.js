const { S3Client } = require("@aws-sdk/client-s3");

const s3 = new S3Client({
  region: "ap-southeast-2",
  credentials: {
    accessKeyId: "AKIAWJNPZ35IHI3L2JFH",
    secretAccessKey: "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",
  },
});
