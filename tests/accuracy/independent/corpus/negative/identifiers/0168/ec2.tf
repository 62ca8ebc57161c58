resource "aws_instance" "web" {
  ami           = "ami-75b1630d84de7ff58"
  subnet_id     = "subnet-59bb05fcad42dd9c3"
  vpc_security_group_ids = ["sg-b3cea4f8935c93239"]
}
