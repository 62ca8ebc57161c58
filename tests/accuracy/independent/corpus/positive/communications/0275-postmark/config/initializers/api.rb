# frozen_string_literal: true

Rails.application.configure do
  config.postmark_api_token = 'f2647e2c-cfbc-41bb-937c-16ff303d16fe'
end
