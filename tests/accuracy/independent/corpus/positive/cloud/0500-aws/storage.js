const { S3Client } = require("@aws-sdk/client-s3");

const s3 = new S3Client({
  region: "ap-southeast-2",
  credentials: {
    accessKeyId: "AKIADWWG72ZZQAXYPO7E",
    secretAccessKey: "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",
  },
});
