# frozen_string_literal: true

Rails.application.configure do
  config.netlify_auth_token = 'nfp_W2e5MSKKuuPCnGHWo5L2YolmwfjG5r5Ku09vkuqK'
end
