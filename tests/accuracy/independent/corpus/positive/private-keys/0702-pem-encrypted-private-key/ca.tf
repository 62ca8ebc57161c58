resource "tls_private_key" "imported" {}

locals {
  ca_key = <<-EOT
    -----BEGIN ENCRYPTED PRIVATE KEY-----
    MIIFFjBA8GC5OSUA6c42pKjLrAMjHWtP9CR8ZhBgtSq/Gspr3loxvVUCzAw1JhED
    oF+lM9btgdEYTYWQy6TEDoQslVH9tpd19Ve8EBIuHoLcDLXi+fUJFko6HTHLZGJM
    y89zyw2xQUBwP3baFfVn20muZT+Sf+/rj4vmiXHAV0MliLxDqxy6IlLbI8KBKDgT
    q2zhr1o0BqDUB1OMNJxMa71rm/D/Qa/VDmIvOPwN8Xxntn3pRs35AqpZAE7xgaW6
    oOpYFV2IoIuiVLa69iQu4VBdhibwmJ+mnpEx9XGpLONo7m1R6M7SYoT8X2qb3wzb
    45AZcB6ybCkSCd/86Yr5r06E4m/jcD3Rw9sbImp2pwcF6L2j/w61xFap2O/2xPvd
    eXjnrQOtCcCAmSr/h2TDsWmCd/1jG/ozFlYvXS2qzfRpjNeNFrjFhEE5WsG9XWmO
    lQYnCAtFZ5yt5fK0YXe1sSWapRqckpfARRcunPtAoBjcr+Y9+tF6Moee/OFmeupV
    runWelVO0tXQ+qA5+dgNhg8moRiPS1u6SwmbwYJIBREVsXVd237esTzY98tES56E
    cUHyFaPVXyTcgvZyXOrj0THOoubX3ZBadQSTISFpyON+/xiAUW+AEpuoDPr04NfI
    Y03yzqQ1ftSxfWpgUin+UjvhyuSqjuE9q1zo+/1uSWBY/BRlR1AROTBMeceMbMjZ
    quGbm+vlkwa2MezjviRDEwRiY6HvnphJpiNuOTVuKX/l8cQ64gHO7EZ95nyVXVTB
    fUu1RBbPFr7nQFUdmP46cWtGv15XRMWFrs/Ii+NkM4vXYGgUoItGm7DqyNghoZxA
    T7UQt1zvMDQRcnAlMT88oLkGrfF+dewVtT5pr+bxu3M3DAaujt/LRMZCZ+uAc5dO
    xoG++oqJpenbj/oN/Lr4QT9btS+pKgtq+Jq48MzNalvujqI0tjsy01yp4lLIB5x1
    ZHusL2vl1hm4bRJRRAVL6KpRUu3N5lUGOgiL0Jhg/ipDb9QXzMh7t7i3FCf8xuKD
    XHOb6EgX5MQ5K7vkUGBqqnCflTzIDHe0rvmK7qOCBRtVRfTX9qln6HvDLATFQNeF
    8O0OB/r8W7sdCu04nJV124bUjreTObMrqqb7dagPD4PfDBdR0eG+u3IGHsGDJmHr
    oiRHnjN2VKlqoDdgNya7fx1MD+zMX2oJRyAYj6tz80gCAwGxCdPCRU1fiQcUkuxg
    /gzelqWjkMNTscfX3OisoDoMwwSVUpgEdZOMHM4kjnLx2QFshPQYOqfZeeX3N+ip
    ryC3qUeh3Fyt1xm1QFSXkg9Y6bnxnBRDdYNpYcbiBIj3mPMx+P8WI4l0TvUlDXVl
    oWV2R8HSGAGJ8uVqiNVXi9w3Wj62pQmiD5jNP697s+vaPVkhFoeRDt145vd5ET8R
    GM12oaY8uZ6ZCOzKsZzuwhjogarHW5yWa0eVpWeHEY7b6SiU0kNu8/B7C3cEwx7X
    /mtnVf3FXsOwohhA4+0dA3WvS+eWkWGj6L3MqMYigyv1vgcJBIXM/umqakTh9t/N
    zg4vm9sk6QhHZQ+YafSYjnCVztlUDZCCXDGm8RVrJ5b/dI8NUcTVSgK5+Wnuny0v
    Rq5ZyaV4hoVHTw/yqsVVRnOKHMUDXGbHLwp+AnnsTwydfSl8Zo8qORL/IIpkksaF
    lv05OmKU3AyTiuSahXj/+ImllCjY0K2eRrBgpai4g6ncCPddkjd9mzetCITBSGaC
    -----END ENCRYPTED PRIVATE KEY-----
  EOT
}
