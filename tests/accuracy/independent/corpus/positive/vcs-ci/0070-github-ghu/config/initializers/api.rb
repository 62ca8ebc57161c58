# frozen_string_literal: true

Rails.application.configure do
  config.github_user_token = 'ghu_Cs3uETwZpQpLm2TwwcsU2c3zM4QoS73qRT9l'
end
