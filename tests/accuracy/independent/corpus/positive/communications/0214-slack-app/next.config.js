/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    SLACK_APP_TOKEN: "xapp-1-A1VDZ0SRZ3Q-1661745370907-8d099a656e87618a054fcb521ad34e1801f470f6225e8dc27353aa32f9f61f6b",
  },
};
