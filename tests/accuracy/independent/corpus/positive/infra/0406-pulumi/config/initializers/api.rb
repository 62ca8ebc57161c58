# frozen_string_literal: true

Rails.application.configure do
  config.pulumi_access_token = 'pul-28ff3e2e23923cd4475748e00ddc2c36f4500c2b'
end
