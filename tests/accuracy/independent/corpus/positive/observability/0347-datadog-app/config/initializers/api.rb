# frozen_string_literal: true

Rails.application.configure do
  config.datadog_app_key = '23303f8225ec3ec5a795808a42e3f7962cba0497'
end
