# frozen_string_literal: true

Rails.application.configure do
  config.github_token = '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'
end
