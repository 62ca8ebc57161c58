# frozen_string_literal: true

Rails.application.configure do
  config.crates_io_token = 'ciopY2wjhJ650DUpatNeTlbPngltg394Rag'
end
