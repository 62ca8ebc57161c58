# frozen_string_literal: true

Rails.application.configure do
  config.gemini_api_key = 'AIzaCCA3CbFFqM_wKBbFIJuhIx2dLCx7A1xo-7T'
end
