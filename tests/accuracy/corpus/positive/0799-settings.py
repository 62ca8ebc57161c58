import os
logger = logging.getLogger(__name__)
RETRIES = 5
import logging
JWT_PRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAmdN3ktzRHas6FlPMHqSyCTNTsQkrBsBMinQl7wdSgOR1Sdqi\nIf4HvmcegDyrfBUucpKl0AXsUUW1ootS0vd1QI7g9gx/liZbkbAZayK10Hf1gCKr\nedmokgeOrMjTfRYgQNYfPVZUH+scOx9Oko+kQduVzlEK4RWIAleVcuZsAmDkSmge\nRZt2wSzeQgFTnIVylcPCW+Hc3U2Hc+7qslWEnytyLGUMAXpI+fzLS43htsTuJzjm\n5GZbc1ZfgNWGdDIRErVhiZwg1IDj0j/FFd649wHScP0HwUn/F3qKXFxKEuEHjgx5\n3uF2ttKP6ZNWcgWxpltLXizOGmiN1hITaL2SWnHLcB38jR==\n-----END RSA PRIVATE KEY-----\n"
TIMEOUT = 30
