# frozen_string_literal: true

Rails.application.configure do
  config.client_secret = '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'
end
