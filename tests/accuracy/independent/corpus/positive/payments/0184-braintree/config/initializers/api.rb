# frozen_string_literal: true

Rails.application.configure do
  config.paypal_access_token = 'access_token$production$nnjt8ntj986j6o7m$fc1b8a21f7de3f91ba5e2de5cd4ff295'
end
