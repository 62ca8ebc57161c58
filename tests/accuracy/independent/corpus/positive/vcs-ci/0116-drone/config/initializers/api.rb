# frozen_string_literal: true

Rails.application.configure do
  config.drone_token = 'znfsaLa34IfZHknGglB5reayotexOigl'
end
