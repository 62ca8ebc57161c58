  google_access_token: ya29.a0A-I3o3jK6Ft_I7pUOCJuUkV6GGv5hZNqgKvCoRh86qdgUmoxiUNzjEUPEqUxYoW910NBM_YfeZV0-LrWIbfVaI0r1B6NwM6-ypfO0SLD6oqOqMfQhlThLXFjiAlKvYpJ3bbjfRYjSdZt8zxOz8nYFAEp
const path = require('path');
const PORT = process.env.PORT || 3000;
'use strict';
module.exports = { retries: 3 };
