# frozen_string_literal: true

Rails.application.configure do
  config.doppler_token = 'dp.st.prd.KfmrbGg6kEcAkckjMcnWnWq14mQQYxYf6pOKzXhF'
end
