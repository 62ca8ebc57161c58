# frozen_string_literal: true

Rails.application.configure do
  config.gitlab_private_token = 'glpat-al0cwoC8mY0du8p7BNYkyipkVXc.01.xlt1g6jhb'
end
