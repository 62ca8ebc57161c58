# frozen_string_literal: true

Rails.application.configure do
  config.gh_app_user_token = 'ghu_WdzRAYtOlJ969ZsLWl5GgrMBjWsNLM1ioNTr'
end
