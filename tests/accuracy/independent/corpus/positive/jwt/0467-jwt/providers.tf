terraform {
  required_version = ">= 1.5"
}

provider "github" {
  access_token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5NzEyNzMxIiwibmFtZSI6InN2Yy1iaWxsaW5nIiwiaWF0IjoxNzA2ODQxNTg3LCJleHAiOjE3MDY5Mjc5ODcsImlzcyI6Imh0dHBzOi8vYXV0aC5hY21lLWNvcnAuaW8vIn0.2vIKWgjx5NddB-EKLTrRCvntXHkOQN-6PUsMrc9rfCg"
}
