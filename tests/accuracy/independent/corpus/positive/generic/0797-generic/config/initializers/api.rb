# frozen_string_literal: true

Rails.application.configure do
  config.master_key = '10e1ce5f689d1cf25cf8b42b09591275'
end
