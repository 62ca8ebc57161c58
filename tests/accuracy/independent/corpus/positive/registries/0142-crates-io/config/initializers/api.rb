# frozen_string_literal: true

Rails.application.configure do
  config.cargo_registry_token = 'cioSO7b3mndD5lyQjfIzcaqdLAwHxJh4MyP'
end
