# frozen_string_literal: true

Rails.application.configure do
  config.docker_hub_token = 'dckr_oat_qpQ65d5RJsZy-5A0Lm_iY21sXLg'
end
