resource "aws_instance" "web" {
  ami           = "ami-37fe459756a822e57"
  subnet_id     = "subnet-0c6d4aaf00b245bac"
  vpc_security_group_ids = ["sg-3e6658b7bc4b5bd3b"]
}
