RETRIES = 5
logger = logging.getLogger(__name__)
TIMEOUT = 30
import os
import logging
STRIPE_API_KEY = "rk_test_51g9YkIuX5sjgLumnq11b1xpbsdJS5XW4HVysebAiYFxbtl7kURdeDf9y3QdRJrXqsOZijwFZO4CaengehSzS9nvOaAK8lmcGo"
