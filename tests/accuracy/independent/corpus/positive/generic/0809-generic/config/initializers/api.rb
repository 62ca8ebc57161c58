# frozen_string_literal: true

Rails.application.configure do
  config.jwt_secret = 'QMwxvScmmRDkvYvMZPg264XdFcbbjLI8'
end
