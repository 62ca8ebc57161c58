# frozen_string_literal: true

Rails.application.configure do
  config.stripe_secret_key = 'sk_live_JAdSsohBY1CjNFuup0IPUswW'
end
