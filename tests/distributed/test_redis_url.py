from __future__ import annotations

import pytest

from crawler.distributed.redis_url import RedisUrlError, is_loopback_host, redact, validate_redis_url


@pytest.mark.parametrize("url", [
    "redis://10.0.0.5:6379/0",
    "redis://redis.internal/0",
    "rediss://203.0.113.9:6380",
    "redis://user@10.0.0.5:6379/0",          # a user name is not a password
    "redis://:@10.0.0.5/0",                  # empty password
])
def test_a_url_without_password_on_another_host_is_refused(url):
    with pytest.raises(RedisUrlError, match="has no password"):
        validate_redis_url(url)


@pytest.mark.parametrize("url", [
    "redis://127.0.0.1:6379/0", "redis://localhost/1", "redis://[::1]:6379", "redis://127.8.9.10",
    "unix:///run/redis/redis.sock",
    "redis://:s3cret@10.0.0.5:6379/0", "rediss://crawler:s3cret@redis.internal:6380/2",
    "redis://10.0.0.5:6379/0?password=s3cret",
])
def test_loopback_or_password_is_accepted(url):
    assert validate_redis_url(url) == url


@pytest.mark.parametrize("url, message", [
    ("", "no Redis URL"), ("http://:pw@10.0.0.5/", "scheme"), ("redis://:pw@10.0.0.5:99999/0", "(?i)port out of range"),
    ("redis://:pw@/0", "no host"), ("unix://", "socket path"),
])
def test_malformed_urls_get_a_clear_error(url, message):
    with pytest.raises(RedisUrlError, match=message):
        validate_redis_url(url)


def test_messages_and_logs_never_show_the_password():
    assert redact("redis://:s3cret@10.0.0.5:6379/0") == "redis://:***@10.0.0.5:6379/0"
    assert redact("redis://bob:s3cret@h/0") == "redis://bob:***@h/0"
    assert "s3cret" not in redact("redis://h/0?password=s3cret&db=1")
    with pytest.raises(RedisUrlError) as info:
        validate_redis_url("http://:s3cret@10.0.0.5/")
    assert "s3cret" not in str(info.value)


def test_loopback_is_decided_without_dns():
    assert is_loopback_host("127.0.0.1") and is_loopback_host("::1") and is_loopback_host("LOCALHOST")
    assert not is_loopback_host("10.0.0.1") and not is_loopback_host("localhost.evil.example")


def test_the_worker_command_refuses_it_before_crawling(tmp_path):
    from click.testing import CliRunner

    from crawler.cli.worker_cmd import worker

    result = CliRunner().invoke(worker, ["--redis", "redis://10.0.0.5:6379/0", "--quiet"])
    assert result.exit_code == 2
    assert "has no password" in result.output
