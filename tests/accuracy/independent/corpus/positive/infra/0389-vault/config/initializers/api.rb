# frozen_string_literal: true

Rails.application.configure do
  config.vault_token = 'hvs.CAESIDKT3vFouO0HOYYH9z1FViP4RG_q3Uis046HDB0Y8pkZEBx_4pamuZJkLFAHa3VshyDZINeO_tRwmerPAwu49_E'
end
