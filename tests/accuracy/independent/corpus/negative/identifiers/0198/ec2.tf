resource "aws_instance" "web" {
  ami           = "ami-6a3e885bbc397a0a8"
  subnet_id     = "subnet-f16a9b00951cd6845"
  vpc_security_group_ids = ["sg-303fa403f91699f71"]
}
