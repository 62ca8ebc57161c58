resource "aws_instance" "web" {
  ami           = "ami-15f6c342aa2ce5846"
  subnet_id     = "subnet-4ee57bb06250ce9d5"
  vpc_security_group_ids = ["sg-0408237c184332762"]
}
