# frozen_string_literal: true

Rails.application.configure do
  config.gh_app_user_token = 'ghu_E4AJW7MUKFIonECeLwOsBjPyNxsX381UoYe1'
end
