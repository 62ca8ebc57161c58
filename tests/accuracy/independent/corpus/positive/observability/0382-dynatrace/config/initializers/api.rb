# frozen_string_literal: true

Rails.application.configure do
  config.dynatrace_api_token = 'dt0c01.CW1FIVA2Q20DW217EHZCQDUI.KD4AS9HGW2PC97AFWQ9BCO5EMVKA5LMXJDTNO7CNSKHONQ6YBSFXW4QHY6VGEIVU'
end
