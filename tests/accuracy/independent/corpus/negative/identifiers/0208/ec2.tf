resource "aws_instance" "web" {
  ami           = "ami-a3962d59021025e6b"
  subnet_id     = "subnet-a35b0b3cc95d6f06f"
  vpc_security_group_ids = ["sg-4a9b16afc3ed8ba1a"]
}
