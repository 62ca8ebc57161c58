# frozen_string_literal: true

Rails.application.configure do
  config.stripe_secret = 'sk_live_8Cy05iw3JMuZB3NoqO2Wmbu7'
end
