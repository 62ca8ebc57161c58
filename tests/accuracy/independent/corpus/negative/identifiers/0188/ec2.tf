resource "aws_instance" "web" {
  ami           = "ami-c437ce526c64536e2"
  subnet_id     = "subnet-eff4696d920162119"
  vpc_security_group_ids = ["sg-6b71b8561909bf8c3"]
}
