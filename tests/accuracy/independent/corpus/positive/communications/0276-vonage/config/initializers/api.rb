# frozen_string_literal: true

Rails.application.configure do
  config.vonage_api_secret = 'gkDdWDvMu6TVL61B'
end
