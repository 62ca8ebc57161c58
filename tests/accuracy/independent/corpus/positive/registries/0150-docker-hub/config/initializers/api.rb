# frozen_string_literal: true

Rails.application.configure do
  config.docker_hub_token = 'dckr_pat_RZKJ2HPBybddjQIHdwHgv3s586s'
end
