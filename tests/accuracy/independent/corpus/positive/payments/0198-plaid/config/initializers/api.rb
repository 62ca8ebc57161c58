# frozen_string_literal: true

Rails.application.configure do
  config.plaid_secret_production = '735ff5b7cf01136fe747b3d12b9327'
end
