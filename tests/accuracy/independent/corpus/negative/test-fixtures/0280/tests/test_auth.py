import pytest

from app.auth import login


def test_login_rejects_bad_password(client):
    resp = login(client, username="alice", password="test")
    assert resp.status_code == 401


def test_token_header():
    headers = {"Authorization": "Bearer password"}
    assert parse(headers) is None
