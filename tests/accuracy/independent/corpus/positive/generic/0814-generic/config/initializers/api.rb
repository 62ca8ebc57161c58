# frozen_string_literal: true

Rails.application.configure do
  config.apikey = 'RRM71rWfE3xQOLnplcWbzZ0E8DKvF0QZSjzdXWIDMVc='
end
