-- POSTs a ~600-byte JSON document (the size of a typical case body) to /echo.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"client_company_id":"c0ffee00-0000-4000-8000-000000000001","employer_case_id":"HR-2026-000123",' ..
  '"first_name":"Maria","middle_initial":"L","last_name":"Gonzalez-Ortega","other_last_names_used":["Ortega"],' ..
  '"date_of_birth":"1990-04-12","ssn":"123-45-6789","employee_email_address":"maria.gonzalez@example.com",' ..
  '"citizenship_status_code":"US_CITIZEN","document_b_type_code":"DRIVERS_LICENSE","document_sub_type_code":"DRIVERS_LICENSE",' ..
  '"document_c_type_code":"SOCIAL_SECURITY_CARD","document_bc_number":"D1234567","us_state_code":"CA",' ..
  '"expiration_date":"2030-04-12","date_of_hire":"2026-11-16","offer_accepted_date":"2026-11-02",' ..
  '"i9_section1_date":"2026-11-16","i9_section2_date":"2026-11-17","work_state":"CA"}'
