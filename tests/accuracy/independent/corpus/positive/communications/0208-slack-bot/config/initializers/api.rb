# frozen_string_literal: true

Rails.application.configure do
  config.slack_bot_token = 'xoxb-2426143743769-834517433034-1IukTnJ9nPCcSW2lLFQrJJ5r'
end
