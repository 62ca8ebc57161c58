# frozen_string_literal: true

Rails.application.configure do
  config.api_key = 't9T35GA1e3JNlDt1BBsTMV00ChGxDLUcnIgUF8fw'
end
