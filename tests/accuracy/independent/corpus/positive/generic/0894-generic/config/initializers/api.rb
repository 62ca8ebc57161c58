# frozen_string_literal: true

Rails.application.configure do
  config.client_secret = 'NFo64hDqm5379H2c4aikwTaqzoU'
end
